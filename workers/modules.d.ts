// CSV files are bundled as text by the Text module rule in wrangler.toml.
declare module "*.csv" {
  const text: string;
  export default text;
}
