/** The form labels live with the column vocabulary (../vocabulary/form-labels.ts); readers import them from here. */
export { type FormLabel, formLabel } from "../vocabulary/form-labels.ts";
