import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from './store';
import type { ClosetItem } from './closet';
import type { Style } from './types';

/**
 * Names for the closet's vocabulary in the UI language (locales/closet.ts) and the 23 styles from
 * GET /api/v1/styles (Korean `nameKo`, the key in English, as the survey shows them). The styles are read once
 * per page and shared by every closet component.
 */
const styles = ref<Style[]>([]);
let loading: Promise<void> | null = null;

export function loadStyles(): Promise<void> {
  loading ??= api.styles().then(s => { styles.value = s; }, e => { loading = null; throw e; });
  return loading;
}

const key = (wire: string) => wire.replace(/[^a-z0-9]/gi, '_');

export function useClosetNames() {
  const { t, te, locale } = useI18n();
  const named = (group: string, wire: string | number) => {
    const path = `closet.${group}.${key(String(wire))}`;
    return te(path) || te(path, 'en') ? t(path) : String(wire);
  };
  return {
    styles,
    slot: (s: string) => named('slot', s),
    category: (c: string) => named('category', c),
    print: (p: string) => named('print', p),
    warmth: (w: number) => named('warmth', w),
    availability: (a: string) => named('availability', a),
    colour: (c: string) => named('colour', c),
    style: (k: string) => {
      const s = styles.value.find(x => x.key === k);
      return s && locale.value === 'ko' ? s.nameKo : k;
    },
    /** What a person calls the item: its main colour and its category, else its slot, else that it has neither. */
    item: (i: ClosetItem) => {
      const what = i.category ? named('category', i.category) : i.slot ? named('slot', i.slot) : t('closet.item.unsorted');
      const main = [...i.colours].sort((a, b) => b.weight - a.weight)[0];
      return main ? `${named('colour', main.colour)} ${what}` : what;
    },
  };
}
