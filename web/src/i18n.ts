import { createI18n } from 'vue-i18n';

// UI text in Korean and English. The first visit follows the browser's language; a choice in the header is kept.
const messages = {
  en: {
    app: { title: 'OtMz', lang: 'Language', signOut: 'Sign out', skip: 'Skip to content', nav: 'Screens' },
    nav: { feed: 'For you' },
    link: { offline: 'Offline', connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…' },
    signIn: {
      heading: 'Sign in', devHint: 'Development sign-in: any user id gets a token.', userId: 'User id',
      submit: 'Sign in', busy: 'Signing in…',
    },
    survey: {
      heading: 'What do you like?', intro: 'Pick a few styles and looks. Your feed starts from them.',
      styles: 'Styles', looks: 'Looks', submit: 'Start my feed', picked: '{n} picked', needOne: 'Pick at least one style or look.',
    },
    feed: {
      heading: 'For you', empty: 'No looks yet.', like: 'Like', dislike: 'Not for me', save: 'Save', liked: 'Liked',
      saved: 'Saved', more: 'More like this', similarHeading: 'More like {title}', close: 'Close', updated: 'Updated {n}×',
      score: 'Score {s}',
    },
    ad: { label: 'Sponsored', open: 'Open {title}', clicked: 'Thanks!' },
    error: { dismiss: 'Dismiss' },
    look: { visual: 'Generated picture of {title}: {colours}' },
  },
  ko: {
    app: { title: '옷멋', lang: '언어', signOut: '로그아웃', skip: '본문으로 건너뛰기', nav: '화면' },
    nav: { feed: '추천' },
    link: { offline: '오프라인', connecting: '연결 중…', connected: '실시간', reconnecting: '다시 연결 중…' },
    signIn: {
      heading: '로그인', devHint: '개발용 로그인: 어떤 사용자 ID로도 토큰을 받습니다.', userId: '사용자 ID',
      submit: '로그인', busy: '로그인 중…',
    },
    survey: {
      heading: '어떤 스타일을 좋아하세요?', intro: '스타일과 룩을 몇 개 골라 주세요. 피드가 여기서 시작됩니다.',
      styles: '스타일', looks: '룩', submit: '내 피드 시작', picked: '{n}개 선택', needOne: '스타일이나 룩을 하나 이상 고르세요.',
    },
    feed: {
      heading: '추천 룩', empty: '아직 룩이 없습니다.', like: '좋아요', dislike: '별로예요', save: '저장', liked: '좋아요함',
      saved: '저장됨', more: '비슷한 룩 더 보기', similarHeading: '{title}와 비슷한 룩', close: '닫기', updated: '{n}번 갱신',
      score: '점수 {s}',
    },
    ad: { label: '광고', open: '{title} 열기', clicked: '감사합니다!' },
    error: { dismiss: '닫기' },
    look: { visual: '{title}의 생성된 그림: {colours}' },
  },
};

export type Locale = keyof typeof messages;

// Each screen keeps its own text in locales/<screen>.ts ({ en: { ns: … }, ko: { ns: … } }), merged here key by key
// (nested objects too, so every file can add its own `nav.<screen>` label) so a new screen adds a file instead of
// editing this one.
type Tree = Record<string, unknown>;
function merge(into: Tree, from: Tree) {
  for (const [k, v] of Object.entries(from)) {
    const have = into[k];
    if (v && typeof v === 'object' && have && typeof have === 'object') merge(have as Tree, v as Tree);
    else into[k] = v;
  }
}
const screenTexts = import.meta.glob<{ default: Record<Locale, Tree> }>('./locales/*.ts', { eager: true });
for (const mod of Object.values(screenTexts)) {
  for (const locale of Object.keys(messages) as Locale[]) merge(messages[locale] as Tree, mod.default[locale] ?? {});
}

export function initialLocale(): Locale {
  const kept = localStorage.getItem('otmz.lang');
  if (kept === 'ko' || kept === 'en') return kept;
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export const i18n = createI18n({ legacy: false, locale: initialLocale(), fallbackLocale: 'en', messages });

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale;
  localStorage.setItem('otmz.lang', locale);
  document.documentElement.lang = locale;
}
