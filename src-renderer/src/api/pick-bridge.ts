import { apiMethods, type CoreEvent } from '@shared/api/contract';
import { BRIDGE_GLOBAL, type Bridge, type BridgeApi } from '@shared/api/bridge';
import { createBrowserBridge, type RendererBridge } from './browser-bridge';
import { parseCoreEvent } from './events';

export type TransportKind = 'electron' | 'browser';

function isBridge(value: unknown): value is Bridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Bridge>;
  return (
    typeof candidate.onEvent === 'function' &&
    typeof candidate.api === 'object' &&
    candidate.api !== null &&
    apiMethods.every((method) => typeof (candidate.api as Partial<BridgeApi>)[method] === 'function')
  );
}

/** The preload's bridge, with its events checked against the contract like any other input. */
function wrapPreloadBridge(bridge: Bridge): RendererBridge {
  return {
    api: bridge.api,
    onEvent: (listener: (event: CoreEvent) => void) =>
      bridge.onEvent((raw: unknown) => {
        const event = parseCoreEvent(raw);
        if (event) listener(event);
      }),
    // IPC does not drop events while the app runs; there is no gap to report.
    onReconnect: () => () => undefined,
  };
}

/** Electron's preload bridge when present, otherwise the loopback transport of the browser mode. */
export function pickBridge(scope: object = globalThis): { bridge: RendererBridge; kind: TransportKind } {
  const exposed: unknown = (scope as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (exposed !== undefined) {
    if (isBridge(exposed)) return { bridge: wrapPreloadBridge(exposed), kind: 'electron' };
    console.error(`window.${BRIDGE_GLOBAL} is present but incomplete; falling back to the browser transport`);
  }
  return { bridge: createBrowserBridge(), kind: 'browser' };
}
