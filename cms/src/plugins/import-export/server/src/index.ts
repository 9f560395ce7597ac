// The server half of the 导入导出 plugin (loaded through ../../strapi-server.js).
import controller from './controllers/import-export';
import isDepartmentStaff from './policies/is-department-staff';
import routes from './routes';

export default {
  routes,
  controllers: { 'import-export': controller },
  policies: { 'is-department-staff': isDepartmentStaff },
};
