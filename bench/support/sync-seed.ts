/** The size of the sync benchmark's world (the figure). */
export const PRODUCTS = 20_000;
export const ORDER_LINES = 5_000;
