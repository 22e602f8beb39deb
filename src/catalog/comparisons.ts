import type { ServiceId } from "./ids.js";

/** When each of two services wins, for the pairs people most often weigh against each other. */
interface PairNote {
  pair: readonly [ServiceId, ServiceId];
  winsWhen: Readonly<Partial<Record<ServiceId, string>>>;
}

const NOTES: readonly PairNote[] = [
  {
    pair: ["batch-transform", "realtime-endpoint"],
    winsWhen: {
      "batch-transform": "predictions are needed for a whole dataset at once (nightly or weekly scoring): instances run only for the job, nothing stays up between runs.",
      "realtime-endpoint": "an application asks for one prediction at a time and waits for it, in milliseconds, at any hour.",
    },
  },
  {
    pair: ["realtime-endpoint", "serverless-inference"],
    winsWhen: {
      "realtime-endpoint": "traffic is steady, latency must stay low without cold starts, or the model needs a GPU.",
      "serverless-inference": "requests are few or bursty with idle hours between them: it scales to zero and bills per request.",
    },
  },
  {
    pair: ["async-inference", "realtime-endpoint"],
    winsWhen: {
      "async-inference": "each request is large (up to 1 GB) or slow (up to an hour) and the caller can pick the result up later.",
      "realtime-endpoint": "payloads are small and the caller needs the answer straight away.",
    },
  },
  {
    pair: ["async-inference", "batch-transform"],
    winsWhen: {
      "async-inference": "requests arrive one by one over the day, each large or slow.",
      "batch-transform": "the whole input is known up front as one dataset in S3 and scored together.",
    },
  },
  {
    pair: ["async-inference", "serverless-inference"],
    winsWhen: {
      "async-inference": "requests are large or take minutes, beyond what a serverless endpoint allows.",
      "serverless-inference": "requests are small and quick but rare, and you want no instances at all.",
    },
  },
  {
    pair: ["data-wrangler", "processing"],
    winsWhen: {
      "data-wrangler": "you are exploring the data and want to build the cleaning and feature steps visually, with little code.",
      processing: "the preparation is code (pandas, Spark, scikit-learn) that must run unattended, at scale, as a pipeline step.",
    },
  },
  {
    pair: ["feature-store", "model-registry"],
    winsWhen: {
      "feature-store": "the question is about features: storing, sharing and serving the same feature values for training and inference.",
      "model-registry": "the question is about models: versioning trained models and approving which one may be deployed.",
    },
  },
  {
    pair: ["autopilot", "sagemaker-training"],
    winsWhen: {
      autopilot: "you have tabular data and want good candidate models without writing model code.",
      "sagemaker-training": "you have your own model code, framework or container, or need full control of the training.",
    },
  },
  {
    pair: ["jumpstart", "sagemaker-training"],
    winsWhen: {
      jumpstart: "a pretrained or foundation model already fits and you only fine-tune or deploy it.",
      "sagemaker-training": "no pretrained model fits and you train on your own data, e.g. a churn classifier.",
    },
  },
  {
    pair: ["autopilot", "jumpstart"],
    winsWhen: {
      autopilot: "you start from your own tabular data and want models built for it.",
      jumpstart: "you start from a pretrained model (text, vision, generative AI) and adapt it.",
    },
  },
  {
    pair: ["experiments", "model-registry"],
    winsWhen: {
      experiments: "you compare many training runs while exploring and need their parameters and metrics side by side.",
      "model-registry": "a model is a candidate for production: you version it and record its approval.",
    },
  },
  {
    pair: ["debugger", "experiments"],
    winsWhen: {
      debugger: "your account already uses Debugger and you want its built-in rules on training tensors.",
      experiments: "you track metrics and compare runs, and on any new account: Debugger is closed to new customers.",
    },
  },
  {
    pair: ["inference-recommender", "shadow-testing"],
    winsWhen: {
      "inference-recommender": "you are sizing a deployment before launch, with load tests on candidate instance types.",
      "shadow-testing": "a model is already in production and you want to try a new version on a copy of live traffic.",
    },
  },
  {
    pair: ["clarify", "model-monitor"],
    winsWhen: {
      clarify: "you need bias and explainability reports on data and models, at training time or for governance.",
      "model-monitor": "you need drift and quality checks on a deployed endpoint over time.",
    },
  },
  {
    pair: ["data-wrangler", "ground-truth"],
    winsWhen: {
      "data-wrangler": "the data already has its labels and needs exploring, cleaning and feature engineering.",
      "ground-truth": "the data has no labels yet and people must provide them.",
    },
  },
];

/** What the catalogue says about when `service` wins against `other`, if it has a note for the pair. */
export function winsWhen(service: ServiceId, other: ServiceId): string | undefined {
  const note = NOTES.find(({ pair }) => (pair[0] === service && pair[1] === other) || (pair[0] === other && pair[1] === service));
  return note?.winsWhen[service];
}
