import { placeClaims } from "../anchoring/place-claims";
import { articleFromInput } from "../article-input";

/**
 * The work that runs off the main thread, by name: parsing and sanitising an
 * article, and placing an article's claims on a new revision. Each takes and
 * returns plain data (it crosses threads by structured clone).
 */
export const tasks = { articleFromInput, placeClaims };
export type Tasks = typeof tasks;
export type TaskName = keyof Tasks;
