/** One way for every reader to refuse its input: a DomainError "invalid_input" with zh/en text and a location. */
import { DomainError, type Location } from "@jixiao/core";

export function invalid(zh: string, en: string, location?: Location): DomainError {
  return new DomainError("invalid_input", { zh, en }, location);
}

/** The file name without directories, as the model wants it in every location. */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
