// Integration and browser tests drive real servers: a test may take longer than jest's 5 s
// default. This is a ceiling against hangs, not a performance assertion (those live in bench).
jest.setTimeout(60_000);
