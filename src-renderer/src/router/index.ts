import { createRouter, createWebHashHistory, type RouteLocationRaw, type RouteRecordRaw, type Router } from 'vue-router';
import type { IconName } from '../components/icons';
import { hasAll, type Capability } from '../session/capabilities';
import type { Stage, useSessionStore } from '../stores/session';

/** Counts the rail can show beside an area's label. */
export type NavBadge = 'attention' | 'cart' | 'invoices' | 'certificates';

declare module 'vue-router' {
  interface RouteMeta {
    /** The stage a route belongs to; the router sends everyone else to their own stage's start. */
    stage?: Stage;
    /** i18n key of the page title (document title). */
    title?: string;
    /** Present on the areas shown in the navigation rail; `badge` names a count shown beside the label when above zero. */
    nav?: { label: string; icon: IconName; order: number; badge?: NavBadge };
    /** The area of the rail a page belongs to when it is not an area itself (a product belongs to the Showcase). */
    section?: string;
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
    // First run, and a vault that is open but holds no certificate yet (an interrupted enrolment).
    path: '/enrol',
    name: 'enrol',
    component: () => import('../views/EnrolView.vue'),
    meta: { stage: 'enrol', title: 'titles.enrol' },
  },
  {
    path: '/unlock',
    name: 'unlock',
    component: () => import('../views/UnlockView.vue'),
    meta: { stage: 'locked', title: 'titles.unlock' },
  },
  {
    path: '/',
    component: () => import('../views/AppFrame.vue'),
    meta: { stage: 'unlocked' },
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/HomeView.vue'),
        meta: { stage: 'unlocked', title: 'titles.home' },
      },
      {
        // The landing page once enrolled: the frame sends 'home' here (see the guard below).
        path: 'showcase',
        name: 'showcase',
        component: () => import('../views/ShowcaseView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.showcase',
          nav: { label: 'nav.showcase', icon: 'showcase', order: 10 },
          requires: ['enrolled'],
        },
      },
      {
        path: 'showcase/:id',
        name: 'product',
        component: () => import('../views/ProductView.vue'),
        meta: { stage: 'unlocked', title: 'titles.product', section: 'showcase', requires: ['enrolled'] },
      },
      {
        path: 'cart',
        name: 'cart',
        component: () => import('../views/CartView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.cart',
          nav: { label: 'nav.cart', icon: 'cart', order: 12, badge: 'cart' },
          requires: ['enrolled', 'role.orderer'],
        },
      },
      {
        path: 'cart/checkout',
        name: 'checkout',
        component: () => import('../views/CheckoutView.vue'),
        meta: { stage: 'unlocked', title: 'titles.checkout', section: 'cart', requires: ['enrolled', 'role.orderer'] },
      },
      {
        path: 'orders',
        name: 'orders',
        component: () => import('../views/OrdersView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.orders',
          nav: { label: 'nav.orders', icon: 'orders', order: 14 },
          requires: ['enrolled'],
        },
      },
      {
        path: 'orders/:id',
        name: 'order',
        component: () => import('../views/OrderView.vue'),
        meta: { stage: 'unlocked', title: 'titles.order', section: 'orders', requires: ['enrolled'] },
      },
      {
        path: 'invoices',
        name: 'invoices',
        component: () => import('../views/InvoicesView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.invoices',
          nav: { label: 'nav.invoices', icon: 'invoice', order: 15, badge: 'invoices' },
          requires: ['enrolled'],
        },
      },
      {
        path: 'invoices/:id',
        name: 'invoice',
        component: () => import('../views/InvoiceView.vue'),
        meta: { stage: 'unlocked', title: 'titles.invoice', section: 'invoices', requires: ['enrolled'] },
      },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('../views/CertificatesView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.certificates',
          nav: { label: 'nav.certificates', icon: 'certificate', order: 16, badge: 'certificates' },
          requires: ['enrolled'],
        },
      },
      {
        path: 'certificates/:id',
        name: 'certificate',
        component: () => import('../views/CertificateView.vue'),
        meta: { stage: 'unlocked', title: 'titles.certificate', section: 'certificates', requires: ['enrolled'] },
      },
      {
        // Checking a signed file from outside works offline, against the CA certificates enrolment brought.
        path: 'check',
        name: 'check',
        component: () => import('../views/CheckView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.check',
          nav: { label: 'nav.check', icon: 'shieldCheck', order: 18 },
          requires: ['enrolled'],
        },
      },
      {
        path: 'attention',
        name: 'attention',
        component: () => import('../views/AttentionView.vue'),
        meta: {
          stage: 'unlocked',
          title: 'titles.attention',
          nav: { label: 'nav.attention', icon: 'alert', order: 20, badge: 'attention' },
          requires: ['enrolled'],
        },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('../views/SettingsView.vue'),
        meta: { stage: 'unlocked', title: 'titles.settings', nav: { label: 'nav.settings', icon: 'settings', order: 100 } },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

/** Where each stage starts. */
export const startOf: Record<Stage, RouteLocationRaw> = {
  enrol: { name: 'enrol' },
  locked: { name: 'unlock' },
  unlocked: { name: 'home' },
};

type SessionStore = ReturnType<typeof useSessionStore>;

export function createAppRouter(session: SessionStore, ready: Promise<void>): Router {
  const router = createRouter({ history: createWebHashHistory(), routes });

  router.beforeEach(async (to) => {
    await ready;
    const stage = session.stage;
    // Starting or without a core, App shows its own panel; the route does not matter.
    if (stage === null) return true;
    if (to.meta.stage !== stage) {
      if (stage === 'locked' && to.meta.stage === 'unlocked') session.returnTo = to.fullPath;
      return startOf[stage];
    }
    if (!hasAll(session.capabilities, to.meta.requires)) return startOf[stage];
    // Once enrolled, the Showcase is where the app opens.
    if (to.name === 'home' && hasAll(session.capabilities, ['enrolled'])) return { name: 'showcase' };
    return true;
  });

  return router;
}
