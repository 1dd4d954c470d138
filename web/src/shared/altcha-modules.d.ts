// The widget's Chinese wording registers itself on import and exports nothing we use.
declare module "altcha/i18n/zh-cn";
