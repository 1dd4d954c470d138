import type {
  ChangePasswordBody,
  LoginBody as LoginRequest,
  LoginResult as LoginResponse,
  Me as MeResponse,
} from "../../../schema/api/auth.ts";
import type {
  CreateStaffBody as CreateStaffRequest,
  Staff,
  StaffList,
  UpdateStaffBody as UpdateStaffRequest,
} from "../../../schema/api/staff.ts";
import type {
  PublicTenant,
  UpdateTenantBody as UpdateTenantRequest,
} from "../../../schema/api/tenants.ts";
import type {
  CreateUnitBody as CreateUnitRequest,
  Unit,
  UnitList,
  UpdateUnitBody as UpdateUnitRequest,
} from "../../../schema/api/units.ts";
import { request, seg } from "./client.ts";

export function login(body: LoginRequest): Promise<LoginResponse> {
  return request("POST", "/api/v1/auth/login", body);
}

export function logout(): Promise<void> {
  return request("POST", "/api/v1/auth/logout");
}

/** Changes one's own password; the server signs every other session of the account out. */
export function changePassword(body: ChangePasswordBody): Promise<void> {
  return request("POST", "/api/v1/auth/password", body);
}

export function getMe(): Promise<MeResponse> {
  return request("GET", "/api/v1/auth/me");
}

export function updateTenant(tenant: string, body: UpdateTenantRequest): Promise<PublicTenant> {
  return request("PATCH", `/api/v1/t/${seg(tenant)}`, body);
}

export function listUnits(tenant: string): Promise<UnitList> {
  return request("GET", `/api/v1/t/${seg(tenant)}/units`);
}

export function createUnit(tenant: string, body: CreateUnitRequest): Promise<Unit> {
  return request("POST", `/api/v1/t/${seg(tenant)}/units`, body);
}

export function updateUnit(tenant: string, unitId: string, body: UpdateUnitRequest): Promise<Unit> {
  return request("PATCH", `/api/v1/t/${seg(tenant)}/units/${seg(unitId)}`, body);
}

export function listStaff(tenant: string): Promise<StaffList> {
  return request("GET", `/api/v1/t/${seg(tenant)}/staff`);
}

export function createStaff(tenant: string, body: CreateStaffRequest): Promise<Staff> {
  return request("POST", `/api/v1/t/${seg(tenant)}/staff`, body);
}

export function updateStaff(
  tenant: string,
  staffId: string,
  body: UpdateStaffRequest,
): Promise<Staff> {
  return request("PATCH", `/api/v1/t/${seg(tenant)}/staff/${seg(staffId)}`, body);
}

export { getPublicTenant } from "./public.ts";
