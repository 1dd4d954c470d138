// Hand-written mirror of the Worker's API contract (/api/docs). Keep in step with workers/.

export type Role = "tenant_admin" | "clerk" | "handler" | "leader" | "supervisor" | "viewer";

export type UnitKind = "county" | "township" | "bureau" | "village";

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  code?: string;
  parentId?: string;
}

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  badgeNumber: string | null;
  position: string | null;
  unitId: string;
  roles: Role[];
  disabled: boolean;
  /** ISO timestamp; null when the account is not locked. */
  lockedUntil: string | null;
  createdAt: string;
}

export interface TenantContact {
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
  onlinePetitionUrl?: string;
  receptionHours?: string;
  receptionPlace?: string;
  progressQuery?: string;
}

export interface PublicTenant {
  code: string;
  name: string;
  contact: TenantContact;
}

export interface TenantSummary {
  code: string;
  name: string;
}

export interface UpdateTenantRequest {
  name?: string;
  contact?: TenantContact;
}

export interface LoginRequest {
  tenant: string;
  username: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  staff: Staff;
}

export interface MeResponse {
  staff: Staff;
  tenant: TenantSummary;
  unit: Unit;
}

export interface UnitList {
  units: Unit[];
}

export interface CreateUnitRequest {
  name: string;
  kind: UnitKind;
  parentId?: string;
  code?: string;
}

export interface UpdateUnitRequest {
  name?: string;
  code?: string;
}

export interface StaffList {
  staff: Staff[];
}

export interface CreateStaffRequest {
  username: string;
  password: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  badgeNumber?: string;
  position?: string;
}

export interface UpdateStaffRequest {
  displayName?: string;
  unitId?: string;
  roles?: Role[];
  /** null clears the value. */
  badgeNumber?: string | null;
  /** null clears the value. */
  position?: string | null;
  disabled?: boolean;
  password?: string;
}

export type ErrorCode =
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "ACCOUNT_LOCKED"
  | "RATE_LIMITED"
  | "INTERNAL"
  // Client-side only: the request never got an answer.
  | "NETWORK";

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  details?: unknown;
}

export interface ErrorEnvelope {
  error: ErrorBody;
}
