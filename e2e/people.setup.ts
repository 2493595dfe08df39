import { test as setup } from "@playwright/test";
import { addPerson, firstAccount } from "./accounts";
import { savePeople, saveSecondReviewer, secondReviewer, suitePeople } from "./people";

// Before every journey: the first account (signed up, or signed in when the
// database has it), and a reviewer, an editor and a viewer it adds (and a
// second reviewer, for journeys where two reviewers judge one claim), each
// accepting their invitation, all through the API a script uses.
setup("the first account adds a reviewer, an editor and a viewer", async ({ baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const admin = await firstAccount(origin);
  const [editor, reviewer, viewer, second] = await Promise.all([
    addPerson(origin, admin.token, suitePeople.editor, "editor"),
    addPerson(origin, admin.token, suitePeople.reviewer, "reviewer"),
    addPerson(origin, admin.token, suitePeople.viewer, "viewer"),
    addPerson(origin, admin.token, secondReviewer, "reviewer"),
  ]);
  savePeople(baseURL!, { admin, editor, reviewer, viewer });
  saveSecondReviewer(baseURL!, second);
});
