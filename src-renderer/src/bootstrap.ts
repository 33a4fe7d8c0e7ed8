import { createApp } from 'vue';
import { z } from 'zod';
import { createPinia } from 'pinia';
import App from './App.vue';
import { client } from './api';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { useNotificationsStore } from './stores/notifications';
import { useSessionStore } from './stores/session';
import { useSyncStore } from './stores/sync';

if (!z.config().jitless) console.error('zod is not jitless: the CSP will report its eval probe');

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);

const session = useSessionStore(pinia);
const sync = useSyncStore(pinia);
const notifications = useNotificationsStore(pinia);
client.onEvent((event) => {
  session.handleEvent(event);
  sync.handleEvent(event);
  notifications.handleEvent(event);
});
// A call that finds the vault locked means it was locked behind our back (idle, suspend): go to unlock.
client.onVaultLocked(() => session.markLocked(null));
// Events may have been missed while the feed was down: ask where things stand.
client.onReconnect(() => {
  void session.refresh();
  sync.afterGap();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && session.phase !== 'starting') {
    void session.refresh();
    sync.afterGap();
  }
});

// The router waits for the first status before it decides where anyone may go.
const ready = session.refresh();
app.use(createAppRouter(session, ready));
app.mount('#app');
