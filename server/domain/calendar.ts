/** The clock is injected so tests can move "today" (R8.1). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

