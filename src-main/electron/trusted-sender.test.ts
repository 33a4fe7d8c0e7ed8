import { describe, expect, it } from 'vitest';
import { checkSender, type FrameLike, type InvokeEventLike, type TrustedContents } from './trusted-sender';

const mainFrame: FrameLike = { origin: 'app://quartermaster', url: 'app://quartermaster/index.html#/', parent: null, processId: 7, routingId: 1 };
const window: TrustedContents = { id: 3, mainFrame };
const event = (frame: Partial<FrameLike> | null, senderId = 3): InvokeEventLike => ({
  sender: { id: senderId },
  senderFrame: frame === null ? null : { ...mainFrame, ...frame },
});

describe('checkSender', () => {
  it('trusts the main frame of the app window on the app origin', () => {
    expect(checkSender(event({}), window)).toEqual({ trusted: true });
  });

  it.each([
    ['no window', event({}), undefined],
    ['another web contents', event({}, 4), window],
    ['a frame that is gone', event(null), window],
    ['a subframe', event({ parent: mainFrame, routingId: 2 }), window],
    ['another frame in the same process', event({ routingId: 9 }), window],
    ['the same routing id in another process', event({ processId: 8 }), window],
    ['a foreign origin', event({ origin: 'https://example.com', url: 'https://example.com/' }), window],
    ['an opaque origin', event({ origin: 'null', url: 'data:text/html,x' }), window],
    ['an app origin with a foreign URL', event({ url: 'file:///etc/hosts' }), window],
  ])('refuses %s', (_name, sent, trusted) => {
    expect(checkSender(sent, trusted).trusted).toBe(false);
  });
});
