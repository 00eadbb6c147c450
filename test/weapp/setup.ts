/**
 * A weapp test mounts the real build's pages and steps through them with their timers (a form's several steps,
 * each with the page's own transitions). Alone one takes a second or two; beside the API and e2e layers on two
 * cores it can take more than jest's default 5 s without anything being wrong, so each test gets 30 s.
 * A test that waits for something that never happens still fails, at 30 s.
 */
jest.setTimeout(30_000)
