/** @jsxRuntime automatic */
import '@vscode/codicons/dist/codicon.css';
import './styles/main.css';
import './markdown/markdown.css';
import { createRoot } from 'react-dom/client';
import { WebviewMessageType } from '../../src/protocol/message-type';
import { App } from './components/app';
import { connectHost } from './host-bridge';
import { fromPersisted } from './state/persisted-state';
import { createStore } from './state/store';
import { getVsCodeApi } from './vscode-api';

const api = getVsCodeApi();
const store = createStore(fromPersisted(api.getState()));
connectHost({ store, api, target: window });

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(<App panel={{ store, post: (message) => api.postMessage(message) }} />);
  api.postMessage({ type: WebviewMessageType.ReadyCommand });
}
