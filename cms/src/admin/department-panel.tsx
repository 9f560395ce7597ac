// 第四、五条: a department specialist maintains only their own department's content. Their role may
// read but not set 所属部门 (field-level RBAC in cms/src/access/roles.ts), so the form shows it
// read-only; this panel names the department on every edit view, the create view included, where
// the field is not yet filled (the server fills it on save). The office sees no panel: it keeps the
// picker of every department.
import * as React from 'react';
import { Typography, Flex } from '@strapi/design-system';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

// Role codes and scoped models as in cms/src/access/roles.ts and cms/src/content/uids.ts (server code,
// not bundled into the admin).
const DEPARTMENT_ROLE_PREFIX = 'department-editor-';
const SCOPED_MODELS = new Set([
  'api::policy.policy',
  'api::policy-item.policy-item',
  'api::interpretation.interpretation',
  'api::hotline-answer.hotline-answer',
]);
const DEPARTMENT_UID = 'api::department.department';

interface PanelProps {
  model: string;
}

function useOwnDepartmentNames(codes: readonly string[]): string[] | undefined {
  const { get } = useFetchClient();
  const [names, setNames] = React.useState<string[]>();
  const key = codes.join(',');
  React.useEffect(() => {
    if (key === '') return;
    const controller = new AbortController();
    const params = new URLSearchParams({ page: '1', pageSize: '20', locale: 'zh-Hans' });
    key.split(',').forEach((code, i) => params.set(`filters[$or][${i}][code][$eq]`, code));
    get<{ results: Array<{ name: string }> }>(`/content-manager/collection-types/${DEPARTMENT_UID}?${params.toString()}`, { signal: controller.signal })
      .then((res) => setNames(res.data.results.map((d) => d.name)))
      .catch(() => setNames(key.split(',')));
    return () => controller.abort();
  }, [get, key]);
  return names;
}

export function DepartmentPanel({ model }: PanelProps) {
  const { formatMessage } = useIntl();
  const roles = useAuth('DepartmentPanel', (state) => state.user?.roles ?? []);
  const codes = roles
    .map((role) => role.code ?? '')
    .filter((code) => code.startsWith(DEPARTMENT_ROLE_PREFIX))
    .map((code) => code.slice(DEPARTMENT_ROLE_PREFIX.length));
  const unrestricted = roles.some((role) => role.code === 'office-editor' || role.code === 'strapi-super-admin');
  const names = useOwnDepartmentNames(unrestricted ? [] : codes);
  if (!SCOPED_MODELS.has(model) || unrestricted || codes.length === 0) return null;
  return {
    title: formatMessage({ id: 'zone.department.panel.title', defaultMessage: '所属部门' }),
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Typography variant="omega" fontWeight="bold" tag="p">
          {names ? names.join('、') : formatMessage({ id: 'zone.department.panel.loading', defaultMessage: '正在读取本部门…' })}
        </Typography>
        <Typography variant="pi" textColor="neutral600" tag="p">
          {formatMessage({ id: 'zone.department.panel.hint', defaultMessage: '企业服务专员新建和保存的内容都归属本部门，不能改为其他部门。' })}
        </Typography>
      </Flex>
    ),
  };
}
