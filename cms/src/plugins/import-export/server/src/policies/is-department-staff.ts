// Route policy: only department editors (企业服务专员, 第五条) and the office / super admins reach the
// plugin's routes; the controllers then derive the department from the same roles.
import { staffOf, type AdminUser } from '../staff';

export default (policyContext: { state: { user?: AdminUser } }) => {
  staffOf(policyContext.state.user);
  return true;
};
