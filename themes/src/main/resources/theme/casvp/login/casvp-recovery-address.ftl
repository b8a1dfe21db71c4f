<#-- casvp-recovery-address (required action): add a recovery address and confirm it with a code.
     Variables: casvpStep (address, code), casvpAddress, casvpMinutes, casvpPostponesLeft. Auto-escaped. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("casvp.recoveryAddress.title")}
    <#elseif section = "form">
        <form id="casvp-recovery-address-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <#if casvpStep == "address">
            <p id="casvp-recovery-address-why">${msg("casvp.recoveryAddress.why")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <label for="recoveryEmail" class="${properties.kcLabelClass!}">${msg("casvp.recoveryAddress.label")}</label>
                <input id="recoveryEmail" name="recoveryEmail" type="email" autocomplete="email" autofocus
                       value="${casvpAddress}" class="${properties.kcInputClass!}"/>
                <p class="casvp-hint">${msg("casvp.recoveryAddress.hint")}</p>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="casvp-recovery-address-send" type="submit" name="send" value="send"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.send")}</button>
        <#else>
            <p id="casvp-recovery-address-sent">${msg("casvp.recoveryAddress.sentTo", casvpAddress, casvpMinutes)}</p>
            <div class="${properties.kcFormGroupClass!}">
                <label for="code" class="${properties.kcLabelClass!}">${msg("casvp.recoveryAddress.codeLabel")}</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus
                       class="${properties.kcInputClass!}"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button id="casvp-recovery-address-verify" type="submit" name="verify" value="verify"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.verify")}</button>
                <button id="casvp-recovery-address-resend" type="submit" name="resend" value="resend"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.resend")}</button>
                <button id="casvp-recovery-address-change" type="submit" name="change" value="change"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.change")}</button>
        </#if>
            <#if casvpPostponesLeft gt 0>
                <button id="casvp-recovery-address-later" type="submit" name="later" value="later" formnovalidate
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("casvp.recoveryAddress.later", casvpPostponesLeft)}</button>
            <#else>
                <p id="casvp-recovery-address-mandatory" class="casvp-hint">${msg("casvp.recoveryAddress.noLater")}</p>
            </#if>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
