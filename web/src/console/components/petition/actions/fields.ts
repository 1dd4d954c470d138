import type {
  ActionInput as ActionBodies,
  Petition,
} from "../../../../../../schema/api/petitions.ts";
import type { DirectoryEntry } from "../../../../../../schema/api/staff.ts";
import type { Unit } from "../../../../../../schema/api/units.ts";
import type { PetitionAction } from "../../../../../../schema/reference/petition-actions.ts";
import type { Lookup } from "../../../lookup.ts";

export interface Props {
  tenant: string;
  petition: Petition;
  units: readonly Unit[];
  directory: readonly DirectoryEntry[];
  lookup: Lookup;
  onUpdated: (petition: Petition) => void;
  onReload: () => void;
}

export interface FormProps extends Props {
  action: PetitionAction;
  onCancel: () => void;
  onDone: (petition: Petition) => void;
}

/**
 * Each action's field set owns its state and, on every render, tells the frame how to build
 * the request body from it (`submitRef`); the frame adds the version and sends it.
 */
export interface FieldsProps extends FormProps {
  errors: Record<string, string>;
  send: <A extends PetitionAction>(body: ActionBodies[A]) => Promise<void>;
  submitRef: { current: (() => void) | null };
}

export function useSubmit(submitRef: FieldsProps["submitRef"], submit: () => void) {
  submitRef.current = submit;
}

export const opt = (text: string) => (text.trim() ? text.trim() : undefined);
