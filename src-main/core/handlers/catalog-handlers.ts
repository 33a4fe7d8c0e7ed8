import { budgetYearAt } from '@shared/domain/budget';
import { readBudgetSummary } from '../catalog/budget';
import { readProductDetail } from '../catalog/product';
import { searchCatalog } from '../catalog/search';
import type { Clock } from '../clock';
import type { HandlerTable } from '../dispatch';
import type { Session } from '../session/session';

/** The showcase and the budget panel, read from the local catalogue (works offline). */
export function catalogHandlers(session: Session, clock: Clock): Pick<HandlerTable, 'catalogSearch' | 'productGet' | 'budgetGet'> {
  return {
    catalogSearch: (query) => session.withStore((store) => searchCatalog(store.db, query)),
    productGet: ({ id }) => session.withStore((store) => readProductDetail(store.db, id)),
    budgetGet: () => session.withStore((store) => readBudgetSummary(store.db, budgetYearAt(clock.now()))),
  };
}
