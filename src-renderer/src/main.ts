// Order matters: configure zod before any module that builds a schema is even loaded.
import './zod-config';
import './styles/main.css';
import './styles/documents.css';

import('./bootstrap').catch((error: unknown) => {
  // Nothing of the app loaded, not even its translations: say so plainly in both languages.
  console.error('The interface failed to load', error);
  const message = document.createElement('p');
  message.className = 'load-failure';
  message.textContent = 'Не вдалося завантажити інтерфейс Quartermaster. / The Quartermaster interface failed to load.';
  document.getElementById('app')?.replaceChildren(message);
});
