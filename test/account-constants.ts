/** The first account of every test database (vitest and Playwright alike), and the password every test person sets. */
export const testAdmin = { email: "admin@test.example", name: "Test Admin" };
export const testPassword = "correct horse battery staple";
