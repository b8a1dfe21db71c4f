<#--
  CASVP wrapper for every HTML email. Same signature as base/email/html/template.ftl:
  <@layout.emailLayout> ... </@layout.emailLayout>, the body is the nested content.
  Output is auto-escaped (HTML); inline styles only, as email clients ignore external CSS.
-->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body style="margin:0;padding:0;background-color:#f0f0f0;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f0f0f0;">
  <tr>
    <td align="center" style="padding:24px 12px;">
      <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d2d2d2;">
        <tr>
          <td style="background-color:#002952;color:#ffffff;padding:16px 24px;font-family:Arial,Helvetica,sans-serif;">
            <div style="font-size:22px;font-weight:bold;letter-spacing:1px;">CASVP</div>
            <div style="font-size:14px;">${msg("casvp.email.headerSubtitle")}</div>
          </td>
        </tr>
        <tr>
          <td style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#151515;">
            <#nested>
          </td>
        </tr>
        <tr>
          <td style="padding:16px 24px;border-top:1px solid #d2d2d2;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#4f5255;">
            <p style="margin:0 0 8px 0;">${msg("casvp.email.footer")}</p>
            <p style="margin:0;"><strong>${msg("casvp.email.noPassword")}</strong></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
</table>
</body>
</html>
</#macro>
