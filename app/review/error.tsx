"use client";

// Both review pages fail the same way.
export { default } from "@/components/review/ReviewError";
