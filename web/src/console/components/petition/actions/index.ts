import type { ComponentChildren } from "preact";
import type { PetitionAction } from "../../../../../../schema/reference/petition-actions.ts";
import { Accept } from "./Accept.tsx";
import { Assign } from "./Assign.tsx";
import { AssignOwner } from "./AssignOwner.tsx";
import {
  AcceptReport,
  RecordNotice,
  RefuseExtension,
  ReportUpward,
  RequestExtension,
  SendBack,
} from "./Casework.tsx";
import { Close } from "./Close.tsx";
import { Decline } from "./Decline.tsx";
import { DesignateHandler } from "./DesignateHandler.tsx";
import { Extend } from "./Extend.tsx";
import { FollowUp } from "./FollowUp.tsx";
import { Forward } from "./Forward.tsx";
import type { FieldsProps } from "./fields.ts";
import { Hearing } from "./Hearing.tsx";
import { ObjectForm } from "./ObjectForm.tsx";
import { Reply } from "./Reply.tsx";
import { RequestReview } from "./RequestReview.tsx";
import { SignOff } from "./SignOff.tsx";

export const FIELDS: Record<PetitionAction, (props: FieldsProps) => ComponentChildren> = {
  accept: Accept,
  decline: Decline,
  forward: Forward,
  assign: Assign,
  object: ObjectForm,
  reply: Reply,
  extend: Extend,
  requestReview: RequestReview,
  requestReReview: RequestReview,
  recordHearing: Hearing,
  assignOwner: AssignOwner,
  designateHandler: DesignateHandler,
  signOff: SignOff,
  close: Close,
  recordFollowUp: FollowUp,
  recordNotice: RecordNotice,
  requestExtension: RequestExtension,
  refuseExtension: RefuseExtension,
  acceptReport: AcceptReport,
  sendBack: SendBack,
  reportUpward: ReportUpward,
};
