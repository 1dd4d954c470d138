/**
 * The petition contract, one entry for the routes, the domain and the web app; the files
 * under petitions/ hold its parts: the vocabulary, intake, the case as shown, the work list,
 * the actions, and the petitioner's tracking.
 */

export * from "./petitions/actions.ts";
export * from "./petitions/case-view.ts";
export * from "./petitions/intake.ts";
export * from "./petitions/list.ts";
export * from "./petitions/tracking.ts";
export * from "./petitions/vocabulary.ts";
