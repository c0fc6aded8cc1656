/**
 * The service's one stylesheet (served from /assets/service.css, so the CSP needs no inline styles).
 * Contrast: text #1b1b1b on white and white on #0b5394 / #8a1c00 exceed WCAG AA (4.5:1).
 */
export const SERVICE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
a{color:#0b4f8a}
a:hover{color:#06365f}
:focus-visible{outline:3px solid #d4351c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.site{background:#0b5394;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff}
header.site .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
header.site nav ul{list-style:none;margin:.25rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
main{max-width:56rem;margin:0 auto;padding:1rem}
footer.site{max-width:56rem;margin:2rem auto 1rem;padding:1rem;border-top:1px solid #b1b4b6;font-size:.9rem;color:#3b3b3b}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:1.75rem 0 .75rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.banner{border:4px solid #8a1c00;background:#fff4f2;padding:1rem;margin:0 0 1.5rem}
.banner h2{margin-top:0;color:#8a1c00}
.drill{border:4px dashed #6b3fa0;background:#f6f0fc;padding:.5rem 1rem;margin:0 0 1rem;font-weight:700;color:#4a2470}
.drill-tag{display:inline-block;background:#6b3fa0;color:#fff;font-weight:700;padding:0 .4rem;margin-right:.4rem;border-radius:2px}
.notice{border:1px solid #b1b4b6;border-left:6px solid #0b5394;padding:1rem;margin:0 0 1rem;background:#fff}
.notice.state-resolved,.notice.state-completed{border-left-color:#00703c}
.notice.state-investigating,.notice.state-identified{border-left-color:#8a1c00}
.state{display:inline-block;font-weight:700;padding:.1rem .5rem;border-radius:2px;background:#0b5394;color:#fff;font-size:.9rem}
.state-resolved .state,.state.state-resolved,.state-completed .state,.state.state-completed{background:#00703c}
.state-investigating .state,.state.state-investigating,.state-identified .state,.state.state-identified{background:#8a1c00}
.meta{color:#3b3b3b;font-size:.9rem;margin:.25rem 0}
.updates{list-style:none;padding:0;margin:.75rem 0 0;border-top:1px solid #dedede}
.updates li{padding:.5rem 0;border-bottom:1px solid #dedede}
.links{padding-left:1.25rem}
.ok{border-left:6px solid #00703c;padding:.75rem 1rem;background:#f3faf6;margin:0 0 1rem}
.warn{border-left:6px solid #8a1c00;padding:.75rem 1rem;background:#fff4f2;margin:0 0 1rem}
.box{border:1px solid #b1b4b6;padding:1rem;margin:1rem 0}
form .field{margin:0 0 1rem}
label,legend{display:block;font-weight:700;margin-bottom:.25rem}
.hint{display:block;font-weight:400;color:#3b3b3b;font-size:.9rem}
input[type=text],input[type=email],input[type=tel],input[type=password],select,textarea{width:100%;max-width:32rem;font:inherit;padding:.45rem;border:2px solid #1b1b1b;border-radius:0;background:#fff;color:#1b1b1b}
textarea{min-height:5rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
.choice{display:flex;align-items:center;gap:.4rem;font-weight:400;margin:.2rem 0}
.choice input{width:1.25rem;height:1.25rem}
button,.button{display:inline-block;font:inherit;font-weight:700;padding:.55rem 1.1rem;border:2px solid #0b5394;background:#0b5394;color:#fff;cursor:pointer;text-decoration:none;border-radius:0}
button.secondary,.button.secondary{background:#fff;color:#0b5394}
.error-summary{border:4px solid #8a1c00;padding:1rem;margin:0 0 1rem}
.error-summary h2{margin-top:0;color:#8a1c00}
.field-error{color:#8a1c00;font-weight:700;display:block}
.say{border:4px solid #0b5394;padding:1rem;background:#f2f7fc;font-size:1.1rem}
.say p{margin:.5rem 0}
.say h2,.warn h2,.ok h2,.box h2{margin-top:0}
.box form{margin:0 0 1.25rem;padding-bottom:1rem;border-bottom:1px solid #dedede}
.box form:last-child{border-bottom:0;margin-bottom:0;padding-bottom:0}
dl{margin:0 0 1rem}dt{font-weight:700}dd{margin:0 0 .5rem 0}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #b1b4b6;text-align:left;padding:.4rem;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:.75rem;border:1px solid #dedede}
.feeds{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem}
.embed-body{margin:0;padding:.5rem;font-size:.95rem}
.embed-body .status{border-left:6px solid #0b5394;padding:.5rem .75rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
p,li,dd,td,th,a{overflow-wrap:anywhere}
@media (max-width:40rem){table{table-layout:fixed}th,td{overflow-wrap:anywhere;word-break:break-word}}
@media (max-width:30rem){html{font-size:95%}main{padding:.75rem}h1{font-size:1.45rem}button,.button{width:100%;text-align:center}}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`;
