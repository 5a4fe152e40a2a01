/** Expert and third-party review (专家评审 / 第三方评价): scoring forms as data, checked scores, experts side by side. */
export * from "./form.ts";
export * from "./forms.ts";
export * from "./scores.ts";
