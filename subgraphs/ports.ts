/** Where each subgraph listens by default on one host: the ports the checked-in supergraph names. */
export const DEFAULT_SUBGRAPH_PORTS = {
  inventory: 4001,
  orders: 4002,
  invoicing: 4003,
  access: 4004,
  warehouse: 4005,
  shipping: 4006,
  /** 4007 is the events service's. */
  operations: 4008,
} as const;
