/**
 * Who called: SageMaker's UserContext (`CreatedBy`, `LastModifiedBy` of model packages and their
 * groups). A signed request is taken as coming from an assumed role of the sandbox's, its session
 * named after the request's access key id (the SigV4 Authorization header's Credential), since
 * the sandbox checks no signature and knows no IAM; the seed and the pipelines name their own
 * callers (a person's Studio profile, a pipeline's execution role).
 */
import { hexId } from "./random.js";

export interface UserContext {
  UserProfileArn?: string;
  UserProfileName?: string;
  DomainId?: string;
  IamIdentity?: { Arn?: string; PrincipalId?: string; SourceIdentity?: string };
}

/** The role a signed request is taken to have assumed. */
const SANDBOX_ROLE = "sageops-sandbox";

/** What an assumed-role session looks like to SageMaker: its STS ARN and `AROA…:<session>` principal. */
export function assumedRole(account: string, role: string, session: string): UserContext {
  const roleId = `AROA${hexId(`${account}|${role}`, 17).toUpperCase()}`;
  return { IamIdentity: { Arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`, PrincipalId: `${roleId}:${session}` } };
}

/** A person working in SageMaker Studio: their user profile in the domain, and the role it runs as. */
export function studioUser(where: { region: string; account: string }, domainId: string, profile: string, role: string): UserContext {
  return { UserProfileArn: `arn:aws:sagemaker:${where.region}:${where.account}:user-profile/${domainId}/${profile}`, UserProfileName: profile, DomainId: domainId, ...assumedRole(where.account, role, profile) };
}

/** A service working as a role it was given (a pipeline's RoleArn), in SageMaker's own session. */
export function serviceRole(roleArn: string): UserContext | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  return match?.[1] && match[2] ? assumedRole(match[1], match[2], "SageMaker") : undefined;
}

/** The caller of a SigV4-signed request, from its Authorization header; undefined when unsigned. */
export function callerOf(authorization: string | undefined, account: string): UserContext | undefined {
  const accessKeyId = authorization === undefined ? undefined : /Credential=([A-Za-z0-9]{1,128})\//.exec(authorization)?.[1];
  return accessKeyId === undefined ? undefined : assumedRole(account, SANDBOX_ROLE, accessKeyId);
}
