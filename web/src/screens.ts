import { defineAsyncComponent, type Component } from 'vue';
import Feed from './components/Feed.vue';

/**
 * The screens a signed-in user moves between, in the navigation's order. The feed is in the first bundle; the
 * others load on first visit (Vite splits each into its own chunk). `admin` screens show only to admins.
 */
export interface ScreenDef { key: string; component: Component; admin?: boolean }

export const screens: ScreenDef[] = [
  { key: 'feed', component: Feed },
  { key: 'closet', component: lazy(() => import('./components/Closet.vue')) },
  { key: 'outfits', component: lazy(() => import('./components/Outfits.vue')) },
  { key: 'codibook', component: lazy(() => import('./components/Codibook.vue')) },
  { key: 'mystyle', component: lazy(() => import('./components/MyStyle.vue')) },
  { key: 'admin', component: lazy(() => import('./components/Admin.vue')), admin: true },
];

/** An async screen, so its code (and a chart library, say) loads when the user first opens it. */
export function lazy(load: () => Promise<{ default: Component }>): Component {
  return defineAsyncComponent(load);
}
