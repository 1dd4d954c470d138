import { z } from "@hono/zod-openapi";
import { fileSteps } from "../tenant/tables.ts";
import { Id, Text } from "./common.ts";

export const FILE_KINDS = ["image", "pdf", "office", "audio"] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const MB = 1024 * 1024;

/** A county's evidence-file limits. Every number is a setting; these are the defaults. */
export const FilePolicySchema = z
  .object({
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .max(100 * MB)
      .default(20 * MB)
      .openapi({ description: "每个文件的大小上限（字节）" }),
    maxFilesPerCase: z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(20)
      .openapi({ description: "每件信访事项的文件数上限（撤回的不计）" }),
    kinds: z
      .array(z.enum(FILE_KINDS))
      .min(1)
      .default([...FILE_KINDS])
      .openapi({ description: "允许的文件种类：图片、PDF、Office 文档、录音" }),
  })
  .strict()
  .openapi("FilePolicy");
export type FilePolicy = z.infer<typeof FilePolicySchema>;

export const FileStep = z.enum(fileSteps).openapi({
  description:
    "办理环节：registration 登记, handling 办理, reply 答复, closing 结案, petitioner 信访人网上提交",
});

export const FileParam = z.object({
  fileId: Id.openapi({ param: { name: "fileId", in: "path" } }),
});

export const UploadQuery = z.object({
  // Required, but checked after the case is found: another county's case answers 404 first.
  name: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "文件名（含扩展名），URL 编码；必填" }),
  step: FileStep.optional().openapi({ description: "默认 handling" }),
});

export const CaseFile = z
  .object({
    id: z.string(),
    petitionId: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    step: FileStep,
    addedBy: z.string().nullable(),
    addedAt: z.iso.datetime(),
    withdrawn: z
      .object({ at: z.iso.datetime(), by: z.string().nullable(), reason: z.string() })
      .nullable(),
    thumbnail: z.boolean().openapi({ description: "An image with a thumbnail to show" }),
  })
  .openapi("CaseFile");
export type CaseFile = z.infer<typeof CaseFile>;

export const CaseFileList = z.object({ items: z.array(CaseFile) }).openapi("CaseFileList");
export type CaseFileList = z.infer<typeof CaseFileList>;

export const WithdrawFileBody = z
  .object({ reason: Text(500).openapi({ description: "撤回理由" }) })
  .strict()
  .openapi("WithdrawFileBody");

export const DownloadQuery = z.object({
  disposition: z
    .enum(["attachment", "inline"])
    .optional()
    .openapi({ description: "inline 在页面中查看图片和 PDF；默认下载" }),
});

/** What a citizen is told of a file they attached: no ids of the office's records. */
export const CitizenFile = z
  .object({ name: z.string(), size: z.number().int(), contentType: z.string() })
  .openapi("CitizenFile");
export type CitizenFile = z.infer<typeof CitizenFile>;
