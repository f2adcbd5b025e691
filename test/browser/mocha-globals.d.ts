// web-test-runner runs the browser tests with mocha's BDD globals; these are the ones the tests
// use, declared here rather than adding @types/mocha as a dependency.
type MochaBody = (this: { timeout(ms: number): void }) => void | Promise<unknown>;

declare global {
  function describe(title: string, body: () => void): void;
  function it(title: string, body: MochaBody): void;
  function before(body: MochaBody): void;
  function beforeEach(body: MochaBody): void;
  function afterEach(body: MochaBody): void;
}

export {};
