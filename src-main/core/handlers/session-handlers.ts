import type { HandlerTable } from '../dispatch';
import type { Session } from '../session/session';

export function sessionHandlers(session: Session): Pick<HandlerTable, 'sessionActivity'> {
  return {
    // Nothing to answer: the point is that the call happened (see countActivity).
    sessionActivity: async () => {
      session.touch();
      return {};
    },
  };
}
