package fr.paris.casvp.keycloak.passwordpolicy.sequence;

import org.passay.data.CharacterSequence;
import org.passay.data.EnglishSequenceData;
import org.passay.data.GermanSequenceData;
import org.passay.data.SequenceData;

/**
 * Keyboard rows agents type runs on. AZERTY (French) is defined here, row by row,
 * each key with its unshifted and shifted characters at the same position, so
 * "azer", "AZER", "&é\"'" and "1234" on the French top row all count; QWERTY and
 * QWERTZ come from Passay.
 */
enum KeyboardLayout implements SequenceData {

    AZERTY(
            new CharacterSequence("²&é\"'(-è_çà)=", "²1234567890°+"),
            new CharacterSequence("azertyuiop^$", "AZERTYUIOP¨£"),
            new CharacterSequence("qsdfghjklmù*", "QSDFGHJKLM%µ"),
            new CharacterSequence("<wxcvbn,;:!", ">WXCVBN?./§")),
    QWERTY(EnglishSequenceData.USQwerty.getSequences()),
    QWERTZ(GermanSequenceData.DEQwertz.getSequences());

    static final String ERROR_CODE = "CASVP_KEYBOARD_SEQUENCE";

    private final CharacterSequence[] rows;

    KeyboardLayout(CharacterSequence... rows) {
        this.rows = rows;
    }

    @Override
    public String getErrorCode() {
        return ERROR_CODE;
    }

    @Override
    public CharacterSequence[] getSequences() {
        return rows.clone();
    }
}
