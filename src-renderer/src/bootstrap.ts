import { createApp } from 'vue';
import { z } from 'zod';
import { createPinia } from 'pinia';
import App from './App.vue';
import { client } from './api';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { useSessionStore } from './stores/session';

if (!z.config().jitless) console.error('zod is not jitless: the CSP will report its eval probe');

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);

const session = useSessionStore(pinia);
client.onEvent((event) => session.handleEvent(event));
// A call that finds the vault locked means it was locked behind our back (idle, suspend): go to unlock.
client.onVaultLocked(() => session.markLocked(null));
// Events may have been missed while the feed was down: ask where things stand.
client.onReconnect(() => void session.refresh());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && session.phase !== 'starting') void session.refresh();
});

// The router waits for the first status before it decides where anyone may go.
const ready = session.refresh();
app.use(createAppRouter(session, ready));
app.mount('#app');
