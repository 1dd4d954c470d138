// Casework beyond single actions: early supervision, the review list, the county's group-visit rule.
import type { DeadlinePolicyView } from "../../../schema/api/calendar.ts";
import type {
  EarlySupervisionBody,
  EarlySupervisionOpened,
  FinishReviewBody,
  ReviewFinished,
  ReviewListPage,
} from "../../../schema/api/casework.ts";
import { request, seg } from "./client.ts";

const base = (tenant: string) => `/api/v1/t/${seg(tenant)}`;

/** 挂牌督办 or a leader's 批示 on one case, before any deadline is broken. */
export function openEarlySupervision(
  tenant: string,
  petitionId: string,
  body: EarlySupervisionBody,
): Promise<EarlySupervisionOpened> {
  return request("POST", `${base(tenant)}/petitions/${seg(petitionId)}/supervision`, body);
}

/** 逐案评查: cases rated 不满意 or petitioned again, newest first. */
export function listReviewList(tenant: string, cursor?: string): Promise<ReviewListPage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return request("GET", `${base(tenant)}/review-list${query}`);
}

/** 评查完毕: the county office's conclusion takes the case off the review list. */
export function finishReview(
  tenant: string,
  petitionId: string,
  body: FinishReviewBody,
): Promise<ReviewFinished> {
  return request("POST", `${base(tenant)}/petitions/${seg(petitionId)}/review-conclusion`, body);
}

/** Every deadline number in force; the intake form reads the group-visit rule from it. */
export function getDeadlinePolicy(tenant: string): Promise<DeadlinePolicyView> {
  return request("GET", `${base(tenant)}/settings/deadline-policy`);
}
