/** An error a resolver raises, answered in ShipHero's shape: `{ message, code, operation, field, request_id }`. */
export class ShipHeroError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'ShipHeroError';
  }
}

/** ShipHero's codes the emulator uses: 5 is documented ("Order not found"); 3 for bad input is the emulator's choice. */
export const NOT_FOUND = 5;
export const INVALID_INPUT = 3;
export const NOT_ENOUGH_CREDITS = 30;
