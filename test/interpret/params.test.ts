import { describe, expect, it } from "vitest";
import { createOfflineInterpreter, interpretOffline } from "../../src/interpret/offline.js";

const paramsOf = (text: string) => interpretOffline(text).params;

describe("parameters an engineer gives in plain words or key=value pairs", () => {
  it("takes every S3 location in order, the input as data and a 'to' location as output", () => {
    const params = paramsOf("score nightly with churn-xgb/1 from s3://sageops-demo/churn/score/ to s3://sageops-demo/churn/predictions/");
    expect(params.s3Uris).toEqual(["s3://sageops-demo/churn/score/", "s3://sageops-demo/churn/predictions/"]);
    expect(params.data).toBe("s3://sageops-demo/churn/score/");
    expect(params.output).toBe("s3://sageops-demo/churn/predictions/");
  });

  it("reads instance types and counts however they are written", () => {
    expect(paramsOf("train churn-xgb instance=ml.m5.xlarge count=2")).toMatchObject({ instanceType: "ml.m5.xlarge", instanceCount: 2 });
    expect(paramsOf("start a training job for churn-xgb using 3 instances of ml.c5.2xlarge")).toMatchObject({ instanceType: "ml.c5.2xlarge", instanceCount: 3 });
    expect(paramsOf("deploy churn-xgb/1 to churn-prod using ml.c5.xlarge x2")).toMatchObject({ instanceType: "ml.c5.xlarge", instanceCount: 2 });
    expect(paramsOf("train churn-xgb on two ml.m5.large instances")).toMatchObject({ instanceCount: 2 });
  });

  it("turns a maximum runtime into seconds", () => {
    expect(paramsOf("train churn-xgb max-runtime=2h").maxRuntimeSeconds).toBe(7200);
    expect(paramsOf("launch training churn-xgb, max runtime 90 minutes").maxRuntimeSeconds).toBe(5400);
    expect(paramsOf("train churn-xgb for 1h30m").maxRuntimeSeconds).toBe(5400);
    expect(paramsOf("run a training job for churn-xgb, 3 hours max").maxRuntimeSeconds).toBe(10800);
  });

  it("reads the environment from env= or from 'in dev' / 'to production', but not from inside a name", () => {
    expect(paramsOf("train churn-xgb env=dev").environment).toBe("dev");
    expect(paramsOf("go ahead and train churn-xgb in staging").environment).toBe("staging");
    expect(paramsOf("deploy churn-xgb version 1 to production").environment).toBe("prod");
    expect(paramsOf("rollback churn-prod").environment).toBeUndefined();
  });

  it("names the recipe to train or tune", () => {
    expect(paramsOf("kick off a training run for churn-xgb in dev").recipe).toBe("churn-xgb");
    expect(paramsOf("tune churn-xgb trials=20").recipe).toBe("churn-xgb");
  });

  it("reads the model package group and version in every way people refer to them", () => {
    expect(paramsOf("deploy churn-xgb/3 to churn-prod")).toMatchObject({ modelPackageGroup: "churn-xgb", modelVersion: 3 });
    expect(paramsOf("deploy churn-xgb@latest-approved to churn-staging")).toMatchObject({ modelPackageGroup: "churn-xgb", modelVersion: "latest-approved" });
    expect(paramsOf("deploy churn-xgb version 7 to churn-staging")).toMatchObject({ modelPackageGroup: "churn-xgb", modelVersion: 7 });
    expect(paramsOf("please deploy churn-xgb v2 to churn-staging")).toMatchObject({ modelVersion: 2 });
    expect(paramsOf("ship the latest approved churn-xgb to churn-staging")).toMatchObject({ modelPackageGroup: "churn-xgb", modelVersion: "latest-approved" });
    expect(paramsOf("deploy churn-xgb latest to churn-dev")).toMatchObject({ modelVersion: "latest" });
  });

  it("tells the endpoint from the model, whichever comes first", () => {
    expect(paramsOf("update churn-prod to churn-xgb version 2")).toMatchObject({ endpointName: "churn-prod", modelPackageGroup: "churn-xgb", modelVersion: 2 });
    expect(paramsOf("can you put churn-xgb version 1 behind an endpoint called churn-api?")).toMatchObject({ endpointName: "churn-api", modelPackageGroup: "churn-xgb" });
    expect(paramsOf("is churn-prod drifting?").endpointName).toBe("churn-prod");
  });

  it("names the job or pipeline to stop or check", () => {
    expect(paramsOf("stop churn-xgb-20261126-1015").jobName).toBe("churn-xgb-20261126-1015");
    expect(paramsOf("what's the status of churn-xgb-20261126-1015?").jobName).toBe("churn-xgb-20261126-1015");
    expect(paramsOf("halt the churn-retrain pipeline execution").pipelineName).toBe("churn-retrain");
    expect(paramsOf("status of churn-retrain")).toEqual({ pipelineName: "churn-retrain" });
    expect(paramsOf("status of churn-xgb-20261126-1015")).toEqual({ jobName: "churn-xgb-20261126-1015" });
  });

  it("reads an ARN pasted from the console: a job by its name, a pipeline's run by the whole ARN", () => {
    const run = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-retrain/execution/k3v9qz1x8w2m";
    expect(interpretOffline(`stop ${run}`)).toMatchObject({ intent: "stop", params: { pipelineRunArn: run } });
    expect(interpretOffline(`can you cancel ${run}? it picked up the wrong data`)).toMatchObject({ intent: "stop", params: { pipelineRunArn: run } });
    expect(interpretOffline(`how is ${run} doing?`)).toMatchObject({ intent: "status", params: { pipelineRunArn: run } });
    expect(paramsOf("stop arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-xgb-20261126-1015")).toEqual({ jobName: "churn-xgb-20261126-1015" });
    expect(paramsOf("status arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/churn-xgb-tune-1201")).toEqual({ jobName: "churn-xgb-tune-1201" });
  });

  it("collects hyperparameters from key=value pairs and from 'eta 0.2'-style words", () => {
    expect(paramsOf("train churn-xgb max_depth=6 eta=0.2").hyperparameters).toEqual({ max_depth: "6", eta: "0.2" });
    expect(paramsOf("can you retrain churn-xgb with max_depth 8 and eta 0.1?").hyperparameters).toEqual({ max_depth: "8", eta: "0.1" });
    expect(paramsOf("retrain churn-xgb with a max depth of 4").hyperparameters).toEqual({ max_depth: "4" });
  });

  it("reads a tuning budget of trials and parallel jobs", () => {
    expect(paramsOf("tune churn-xgb trials=20 parallel=4")).toMatchObject({ trials: 20, parallel: 4 });
    expect(paramsOf("run hyperparameter tuning on churn-xgb with 30 trials, 3 in parallel")).toMatchObject({ trials: 30, parallel: 3 });
    expect(paramsOf("optimize the hyperparameters of churn-xgb, 5 at a time, 25 jobs max")).toMatchObject({ trials: 25, parallel: 5 });
  });

  it("keeps a Slack channel reference with its id, and a plain #name by name", () => {
    expect(paramsOf("train churn-xgb and post updates in <#C0MLOPS|mlops>").channel).toEqual({ id: "C0MLOPS", name: "mlops" });
    expect(paramsOf("tune churn-xgb, post to #ml-alerts").channel).toEqual({ name: "ml-alerts" });
  });

  it("puts a pipeline's own key=value parameters in hyperparameters", () => {
    expect(paramsOf("pipeline start churn-retrain TrainInstanceType=ml.m5.xlarge")).toEqual({
      pipelineName: "churn-retrain",
      hyperparameters: { TrainInstanceType: "ml.m5.xlarge" },
    });
  });

  it("drops values that would fail validation instead of passing them on", () => {
    const params = paramsOf("train churn-xgb count=500 instance=m5.xlarge data=s3://X max-runtime=90d env=prod_eu");
    expect(params).toEqual({ recipe: "churn-xgb" });
    expect(paramsOf("tune churn-xgb trials=9999 parallel=0")).toEqual({ recipe: "churn-xgb" });
  });
});

describe("the slash-command forms the Slack layer passes as text", () => {
  const cases: [string, ReturnType<typeof interpretOffline>["intent"], Record<string, unknown>][] = [
    [
      "train churn-xgb data=s3://sageops-demo/churn/train/ instance=ml.m5.xlarge count=2 max-runtime=2h env=dev max_depth=6",
      "train",
      {
        s3Uris: ["s3://sageops-demo/churn/train/"],
        data: "s3://sageops-demo/churn/train/",
        instanceType: "ml.m5.xlarge",
        instanceCount: 2,
        maxRuntimeSeconds: 7200,
        environment: "dev",
        recipe: "churn-xgb",
        hyperparameters: { max_depth: "6" },
      },
    ],
    ["deploy churn-xgb/1 to churn-prod env=prod", "deploy", { modelPackageGroup: "churn-xgb", modelVersion: 1, endpointName: "churn-prod", environment: "prod", deployMode: "realtime" }],
    ["deploy churn-xgb@latest-approved to churn-staging", "deploy", { modelPackageGroup: "churn-xgb", modelVersion: "latest-approved", endpointName: "churn-staging", deployMode: "realtime" }],
    [
      "deploy batch churn-xgb/1 input=s3://sageops-demo/churn/score/ output=s3://sageops-demo/churn/out/",
      "deploy",
      {
        s3Uris: ["s3://sageops-demo/churn/score/", "s3://sageops-demo/churn/out/"],
        data: "s3://sageops-demo/churn/score/",
        output: "s3://sageops-demo/churn/out/",
        modelPackageGroup: "churn-xgb",
        modelVersion: 1,
        deployMode: "batch",
      },
    ],
    ["rollback churn-prod", "deploy", { endpointName: "churn-prod", deployMode: "rollback" }],
    ["tune churn-xgb trials=20 parallel=4", "tune", { recipe: "churn-xgb", trials: 20, parallel: 4 }],
    ["pipeline start churn-retrain TrainInstanceType=ml.m5.xlarge", "pipeline", { pipelineName: "churn-retrain", hyperparameters: { TrainInstanceType: "ml.m5.xlarge" } }],
    ["stop churn-xgb-20261126-1015", "stop", { jobName: "churn-xgb-20261126-1015" }],
    ["status churn-xgb-20261126-1015", "status", { jobName: "churn-xgb-20261126-1015" }],
    ["drift churn-prod", "drift", { endpointName: "churn-prod" }],
  ];
  for (const [text, intent, params] of cases) {
    it(`reads "${text}" exactly`, () => {
      const request = interpretOffline(text);
      expect(request.intent).toBe(intent);
      expect(request.params).toEqual(params);
      expect(request.confidence).toBeGreaterThan(0.9);
    });
  }
});

describe("status questions about a model group's versions", () => {
  it("are about the registry, with the group and the version asked about, in several languages; a version on an endpoint stays the endpoint's", async () => {
    const interpreter = createOfflineInterpreter();
    for (const text of ["is version 2 of fraud-lgbm approved yet?", "Welche Versionen von fraud-lgbm sind noch nicht freigegeben?", "¿en qué estado está la versión 4 de fraud-lgbm?", "où en est la version 4 de fraud-lgbm ?"]) {
      const request = await interpreter.interpret(text);
      expect({ text, intent: request.intent, stage: request.stage, service: request.services[0], group: request.params.modelPackageGroup }).toEqual({ text, intent: "status", stage: "model-management", service: "model-registry", group: "fraud-lgbm" });
    }
    expect((await interpreter.interpret("is version 2 of fraud-lgbm approved yet?")).params.modelVersion).toBe(2);
    expect((await interpreter.interpret("où en est la version 4 de fraud-lgbm ?")).params.modelVersion).toBe(4);
    const onEndpoint = await interpreter.interpret("which model version is live on the fraud-prod endpoint?");
    expect(onEndpoint.stage).toBe("deployment");
    expect(onEndpoint.params.endpointName).toBe("fraud-prod");
  }, 60_000);
});
