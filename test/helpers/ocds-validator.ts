/**
 * Validators for OCDS 1.1 releases and release packages, built from the official 1.1.5 JSON schemas.
 *
 * The repository keeps its own copy of the schemas in `test/fixtures/ocds/` (with their licence and
 * source), so a fresh clone validates with nothing beside it; the folder is found from this file's
 * own location, never from an absolute path or the working directory.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv-draft-04';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The folder of the official OCDS 1.1.5 schemas: `test/fixtures/ocds/`. */
const OCDS_SCHEMA_DIR = new URL('../fixtures/ocds/', import.meta.url);

/** Validators of one release and of one release package. */
export interface OcdsValidators {
  /** Errors of a release against `release-schema.json`; empty when it is valid. */
  validateRelease(release: unknown): string[];
  /** Errors of a package against `release-package-schema.json`; empty when it is valid. */
  validatePackage(releasePackage: unknown): string[];
}

/**
 * Compiles the release and release-package schemas (JSON Schema draft-04, with formats checked), the
 * release schema patched by the extensions the portal uses (only the enquiries extension defines
 * fields the core leaves open; the party-scale one only names a codelist for free-form `details`).
 *
 * The release schema is registered under its own `id`, which is the URL the package schema's
 * `releases` items refer to, so a package is checked release by release without any network access.
 */
export function loadOcdsValidators(): OcdsValidators {
  let releaseSchema = readSchema('release-schema.json');
  for (const name of EXTENSIONS) {
    releaseSchema = mergePatch(releaseSchema, readSchema(`extensions/${name}/release-schema.json`)) as Record<
      string,
      unknown
    >;
  }
  const packageSchema = readSchema('release-package-schema.json');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const releaseId = releaseSchema['id'];
  if (typeof releaseId !== 'string') throw new Error('release-schema.json has no id');
  ajv.addSchema(releaseSchema, releaseId);
  const release = ajv.getSchema(releaseId);
  if (release === undefined) throw new Error(`release schema ${releaseId} did not compile`);
  const releasePackage = ajv.compile(packageSchema);
  return {
    validateRelease: (value) => (release(value) ? [] : describeErrors(release.errors)),
    validatePackage: (value) => (releasePackage(value) ? [] : describeErrors(releasePackage.errors)),
  };
}

/** The extensions the releases use whose schemas are kept under `extensions/` (see the folder's README). */
const EXTENSIONS = ['enquiries'] as const;

/**
 * Applies a JSON Merge Patch (RFC 7386), as OCDS extensions are applied to the release schema:
 * objects merge key by key, `null` removes a key, anything else replaces.
 */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** Reads one schema file of the OCDS folder as JSON. */
function readSchema(fileName: string): Record<string, unknown> {
  const path = fileURLToPath(new URL(fileName, OCDS_SCHEMA_DIR));
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** One readable line per error: where in the document, and what is wrong. */
function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  const list = errors ?? [];
  if (list.length === 0) return ['invalid (no error details)'];
  return list.map((error) => {
    const where = error.instancePath === '' ? '/' : error.instancePath;
    const detail =
      error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
    return `${where} ${error.message ?? 'is invalid'}${detail}`;
  });
}
