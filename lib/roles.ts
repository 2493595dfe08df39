/**
 * The roles of accounts, least to most: each may do what the one before it
 * may, and more (server/policy.ts decides, lib/roles only names them).
 */
export const roles = ["viewer", "reviewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** Whether `role` is `least` or above it. */
export const atLeast = (role: Role, least: Role) => roles.indexOf(role) >= roles.indexOf(least);
