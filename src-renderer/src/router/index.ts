import { createRouter, createWebHashHistory, type RouteLocationRaw, type RouteRecordRaw, type Router } from 'vue-router';
import type { VaultState } from '@shared/api/contract';
import type { IconName } from '../components/icons';
import { hasAll, type Capability } from '../session/capabilities';
import type { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** The vault state a route belongs to; the router sends everyone else to their own state's start. */
    vault?: VaultState;
    /** i18n key of the page title (document title). */
    title?: string;
    /** Present on the areas shown in the navigation rail. */
    nav?: { label: string; icon: IconName; order: number };
    /**
     * Capabilities the area needs. An area appears, and opens, only when it
     * works: add Showcase, Cart, Orders, Invoices, Certificates here with the
     * capability their issue reports.
     */
    requires?: readonly Capability[];
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/setup',
    name: 'setup',
    component: () => import('../views/SetupView.vue'),
    meta: { vault: 'setup', title: 'titles.setup' },
  },
  {
    path: '/unlock',
    name: 'unlock',
    component: () => import('../views/UnlockView.vue'),
    meta: { vault: 'locked', title: 'titles.unlock' },
  },
  {
    path: '/',
    component: () => import('../views/AppFrame.vue'),
    meta: { vault: 'unlocked' },
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/HomeView.vue'),
        meta: { vault: 'unlocked', title: 'titles.home' },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('../views/SettingsView.vue'),
        meta: { vault: 'unlocked', title: 'titles.settings', nav: { label: 'nav.settings', icon: 'settings', order: 100 } },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

/** Where each vault state starts. */
export const startOf: Record<VaultState, RouteLocationRaw> = {
  setup: { name: 'setup' },
  locked: { name: 'unlock' },
  unlocked: { name: 'home' },
};

type SessionStore = ReturnType<typeof useSessionStore>;

export function createAppRouter(session: SessionStore, ready: Promise<void>): Router {
  const router = createRouter({ history: createWebHashHistory(), routes });

  router.beforeEach(async (to) => {
    await ready;
    const phase = session.phase;
    // Starting or without a core, App shows its own panel; the route does not matter.
    if (phase === 'starting' || phase === 'unavailable') return true;
    if (to.meta.vault !== phase) {
      if (phase === 'locked' && to.meta.vault === 'unlocked') session.returnTo = to.fullPath;
      return startOf[phase];
    }
    if (!hasAll(session.capabilities, to.meta.requires)) return startOf[phase];
    return true;
  });

  return router;
}
