/**
 * SageMaker's failure reasons, in plain words. The raw reason is always shown as well; this
 * adds what it means and what to do for the failures people hit most.
 */
interface Explanation {
  pattern: RegExp;
  words: (match: RegExpExecArray) => string;
}

const S3_URI = /s3:\/\/[^\s'",)]+/;

const EXPLANATIONS: readonly Explanation[] = [
  {
    pattern: /data download failed|no s3 objects found|nosuchkey|nosuchbucket|does not exist|could not (?:find|download)/i,
    words: (m) => {
      const uri = S3_URI.exec(m.input)?.[0];
      return `SageMaker could not read the input data${uri ? ` at ${uri}` : ""}. Check that the S3 prefix exists and is not empty.`;
    },
  },
  {
    pattern: /access ?denied|not authori[sz]ed|forbidden|is not authorized to perform/i,
    words: () => "The job's IAM role was refused access to something it needs (usually the S3 data or the output bucket). Check the role's permissions.",
  },
  {
    pattern: /resourcelimitexceeded|account-level service limit|service quota/i,
    words: () => "The account hit a SageMaker quota for this instance type. Ask for a quota increase or use another instance type.",
  },
  {
    pattern: /insufficient ?(?:instance )?capacity|capacityerror/i,
    words: () => "AWS had no spare capacity for this instance type in the region just then. Try again later, or another instance type.",
  },
  {
    pattern: /maxruntimeinseconds|max(?:imum)? ?run ?time|stopping condition/i,
    words: () => "The job reached its maximum run time and was stopped. Raise the time limit or make the job shorter.",
  },
  {
    pattern: /out ?of ?memory|oom|cannot allocate memory|memoryerror/i,
    words: () => "The job ran out of memory. Use an instance type with more memory or a smaller batch.",
  },
  {
    pattern: /ping|health ?check/i,
    words: () => "The model container did not pass its health check, so the endpoint could not serve. Check the model artefact and the container logs.",
  },
  {
    pattern: /algorithmerror|exit code|non-zero/i,
    words: () => "The training code itself stopped with an error. The CloudWatch logs of the job show why.",
  },
  {
    pattern: /validation|invalid|hyperparameter/i,
    words: () => "SageMaker refused the job's settings. The reason below names the setting.",
  },
];

/** A sentence saying what the failure means, or undefined when the raw reason is all there is. */
export function explainFailure(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  for (const explanation of EXPLANATIONS) {
    const match = explanation.pattern.exec(reason);
    if (match) return explanation.words(match);
  }
  return undefined;
}
