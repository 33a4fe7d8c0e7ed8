import type { HandlerTable } from '../dispatch';
import type { Enrolment } from '../identity/enrolment';

export function enrolmentHandlers(enrolment: Enrolment): Pick<HandlerTable, 'serviceProbe' | 'enrolmentLogin' | 'enrolmentComplete'> {
  return {
    serviceProbe: ({ serviceUrl }) => enrolment.probe(serviceUrl),
    enrolmentLogin: (request) => enrolment.login(request),
    enrolmentComplete: ({ passphrase }) => enrolment.complete(passphrase),
  };
}
