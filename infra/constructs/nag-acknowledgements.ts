/**
 * Helpers for acknowledging cdk-nag findings whose ids contain CloudFormation references.
 *
 * cdk-nag v3 names a wildcard finding after the resolved resource, e.g.
 * `AwsSolutions-IAM5[Resource::<resolved table ARN>/index/*]`, and matches acknowledgements by exact
 * id. A cross-stack ARN only resolves to its final form (an output read from the stateful stack)
 * once the app is prepared, so these ids are computed then, not guessed at construction time.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** One acknowledgement: a cdk-nag rule or finding id and the written reason. */
export interface NagAcknowledgement {
  /** Rule id, or rule id with its finding in brackets. */
  id: string;
  /** Why the finding is accepted. */
  reason: string;
}

/** Renders a token (e.g. `table.tableArn`) the way cdk-nag writes it inside a finding id, from `scope`'s stack. */
export function renderForFinding(scope: IConstruct, token: string): string {
  return flattenCfnReference(Stack.of(scope).resolve(token));
}

/**
 * Acknowledges findings whose ids are only known once cross-stack references are resolved.
 *
 * The factory runs during construct validation, which CDK runs after preparing the app and before
 * the validation plugins (cdk-nag) see the templates.
 */
export function acknowledgeOnceResolved(scope: IConstruct, make: () => NagAcknowledgement[]): void {
  scope.node.addValidation({
    validate: () => {
      const acks = make();
      if (acks.length > 0) {
        Validations.of(scope).acknowledge(...acks);
      }
      return [];
    },
  });
}
