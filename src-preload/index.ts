import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiMethods, type CoreEvent } from '@shared/api/contract';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Bridge, type BridgeApi } from '@shared/api/bridge';

/**
 * The page's only way to the core: one function per contract method, each a
 * single invoke on one channel, and the event feed. ipcRenderer itself never
 * crosses the bridge, and nothing is validated here — the main process
 * checks the sender and the core checks every request.
 *
 * The names come from the contract itself, so a new method reaches the page
 * with no edit here. The price: `apiMethods` lives beside the zod schemas,
 * which are bundled into this script with it (inert in the isolated world,
 * never exposed to the page). A zod-free list of names in src-shared would
 * drop them.
 */
const api = Object.fromEntries(
  apiMethods.map((method) => [method, (request: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, request)]),
) as BridgeApi;

const bridge: Bridge = {
  api,
  onEvent(listener) {
    // Only the event's data goes on: the IpcRendererEvent would carry `sender`, i.e. ipcRenderer.
    const forward = (_event: IpcRendererEvent, data: CoreEvent) => listener(data);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
