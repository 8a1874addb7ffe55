/** The compiled Tailwind stylesheet (widget/dist/widget.css), inlined by the rollup plugin in rollup.config.mjs. */
declare module 'virtual:widget-css' {
  const css: string;
  export default css;
}
