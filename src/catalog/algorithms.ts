/**
 * Image URIs of SageMaker's built-in algorithms, per region.
 *
 * The registry account ids come from the SageMaker Python SDK's published
 * `src/sagemaker/image_uri_config/*.json` (xgboost.json, linear-learner.json, kmeans.json,
 * pca.json, factorization-machines.json, ntm.json, blazingtext.json). The isolated partitions
 * (us-iso*) are left out: their registries live under other domains.
 */
import { ownValue } from "../kernel/lookup.js";

/** The open-source XGBoost container (sagemaker-xgboost), the same registry for every 1.x version. */
const XGBOOST_REGISTRIES: Readonly<Record<string, string>> = {
  "af-south-1": "510948584623",
  "ap-east-1": "651117190479",
  "ap-northeast-1": "354813040037",
  "ap-northeast-2": "366743142698",
  "ap-northeast-3": "867004704886",
  "ap-south-1": "720646828776",
  "ap-south-2": "628508329040",
  "ap-southeast-1": "121021644041",
  "ap-southeast-2": "783357654285",
  "ap-southeast-3": "951798379941",
  "ap-southeast-4": "106583098589",
  "ca-central-1": "341280168497",
  "ca-west-1": "190319476487",
  "cn-north-1": "450853457545",
  "cn-northwest-1": "451049120500",
  "eu-central-1": "492215442770",
  "eu-central-2": "680994064768",
  "eu-north-1": "662702820516",
  "eu-south-1": "978288397137",
  "eu-south-2": "104374241257",
  "eu-west-1": "141502667606",
  "eu-west-2": "764974769150",
  "eu-west-3": "659782779980",
  "il-central-1": "898809789911",
  "me-central-1": "272398656194",
  "me-south-1": "801668240914",
  "sa-east-1": "737474898029",
  "us-east-1": "683313688378",
  "us-east-2": "257758044811",
  "us-gov-east-1": "237065988967",
  "us-gov-west-1": "414596584902",
  "us-west-1": "746614075791",
  "us-west-2": "246618743249",
};

/** First-party algorithms (linear-learner, k-means, PCA, factorization machines, NTM), version "1". */
const FIRST_PARTY_REGISTRIES: Readonly<Record<string, string>> = {
  "af-south-1": "455444449433",
  "ap-east-1": "286214385809",
  "ap-northeast-1": "351501993468",
  "ap-northeast-2": "835164637446",
  "ap-northeast-3": "867004704886",
  "ap-south-1": "991648021394",
  "ap-south-2": "628508329040",
  "ap-southeast-1": "475088953585",
  "ap-southeast-2": "712309505854",
  "ap-southeast-3": "951798379941",
  "ap-southeast-4": "106583098589",
  "ca-central-1": "469771592824",
  "ca-west-1": "190319476487",
  "cn-north-1": "390948362332",
  "cn-northwest-1": "387376663083",
  "eu-central-1": "664544806723",
  "eu-central-2": "680994064768",
  "eu-north-1": "669576153137",
  "eu-south-1": "257386234256",
  "eu-south-2": "104374241257",
  "eu-west-1": "438346466558",
  "eu-west-2": "644912444149",
  "eu-west-3": "749696950732",
  "il-central-1": "898809789911",
  "me-central-1": "272398656194",
  "me-south-1": "249704162688",
  "sa-east-1": "855470959533",
  "us-east-1": "382416733822",
  "us-east-2": "404615174143",
  "us-gov-east-1": "237065988967",
  "us-gov-west-1": "226302683700",
  "us-west-1": "632365934929",
  "us-west-2": "174872318107",
};

/** BlazingText's registry (shared with the legacy XGBoost "1" image). */
const BLAZINGTEXT_REGISTRIES: Readonly<Record<string, string>> = {
  "af-south-1": "455444449433",
  "ap-east-1": "286214385809",
  "ap-northeast-1": "501404015308",
  "ap-northeast-2": "306986355934",
  "ap-south-1": "991648021394",
  "ap-southeast-1": "475088953585",
  "ap-southeast-2": "544295431143",
  "ca-central-1": "469771592824",
  "cn-north-1": "390948362332",
  "cn-northwest-1": "387376663083",
  "eu-central-1": "813361260812",
  "eu-north-1": "669576153137",
  "eu-south-1": "257386234256",
  "eu-west-1": "685385470294",
  "eu-west-2": "644912444149",
  "eu-west-3": "749696950732",
  "me-south-1": "249704162688",
  "sa-east-1": "855470959533",
  "us-east-1": "811284229777",
  "us-east-2": "825641698319",
  "us-gov-west-1": "226302683700",
  "us-west-1": "632365934929",
  "us-west-2": "433757028032",
};

interface AlgorithmImages {
  repository: string;
  versions: readonly string[];
  registries: Readonly<Record<string, string>>;
}

/** Built-in algorithms sageops can resolve, by the name a policy uses for them. */
export const BUILTIN_ALGORITHMS: Readonly<Record<string, AlgorithmImages>> = {
  xgboost: { repository: "sagemaker-xgboost", versions: ["1.0-1", "1.2-1", "1.2-2", "1.3-1", "1.5-1", "1.7-1"], registries: XGBOOST_REGISTRIES },
  "linear-learner": { repository: "linear-learner", versions: ["1"], registries: FIRST_PARTY_REGISTRIES },
  kmeans: { repository: "kmeans", versions: ["1"], registries: FIRST_PARTY_REGISTRIES },
  pca: { repository: "pca", versions: ["1"], registries: FIRST_PARTY_REGISTRIES },
  "factorization-machines": { repository: "factorization-machines", versions: ["1"], registries: FIRST_PARTY_REGISTRIES },
  ntm: { repository: "ntm", versions: ["1"], registries: FIRST_PARTY_REGISTRIES },
  blazingtext: { repository: "blazingtext", versions: ["1"], registries: BLAZINGTEXT_REGISTRIES },
};

type ImageError =
  | { kind: "unknown-algorithm"; algorithm: string; supported: string[]; message: string }
  | { kind: "unsupported-version"; algorithm: string; version: string; supported: string[]; message: string }
  | { kind: "unsupported-region"; algorithm: string; region: string; supported: string[]; message: string };

type ImageResolution = { ok: true; uri: string } | { ok: false; error: ImageError };

function dnsSuffix(region: string): string {
  return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

/** True when sageops knows this algorithm at this version (whatever the region). */
export function isKnownBuiltin(algorithm: string, version: string): boolean {
  return ownValue(BUILTIN_ALGORITHMS, algorithm)?.versions.includes(version) ?? false;
}

/** "xgboost 1.0-1, 1.2-1, ...; linear-learner 1; ..." for messages. */
export function describeBuiltins(): string {
  return Object.entries(BUILTIN_ALGORITHMS)
    .map(([name, images]) => `${name} ${images.versions.join(", ")}`)
    .join("; ");
}

/** The ECR image URI of a built-in algorithm in a region, e.g. xgboost 1.7-1 in us-east-1. */
export function resolveBuiltinImage(algorithm: string, version: string, region: string): ImageResolution {
  const images = ownValue(BUILTIN_ALGORITHMS, algorithm);
  if (!images) {
    const supported = Object.keys(BUILTIN_ALGORITHMS);
    return { ok: false, error: { kind: "unknown-algorithm", algorithm, supported, message: `${algorithm} is not a built-in algorithm sageops knows; known: ${supported.join(", ")}` } };
  }
  if (!images.versions.includes(version)) {
    const supported = [...images.versions];
    return {
      ok: false,
      error: { kind: "unsupported-version", algorithm, version, supported, message: `${algorithm} has no version ${version}; supported versions: ${supported.join(", ")}` },
    };
  }
  const account = images.registries[region];
  if (!account) {
    const supported = Object.keys(images.registries).sort();
    return {
      ok: false,
      error: { kind: "unsupported-region", algorithm, region, supported, message: `${algorithm} has no published image in ${region}; regions: ${supported.join(", ")}` },
    };
  }
  return { ok: true, uri: `${account}.dkr.ecr.${region}.${dnsSuffix(region)}/${images.repository}:${version}` };
}
