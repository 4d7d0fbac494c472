package dev.baton.tools.workspace;

import java.util.List;

/**
 * The texts of the demo workspace: December notes of the Tevuot (תבואות) project in Hebrew and
 * English, a few documents of another project and of November for contrast. {@code {Y}} stands for
 * the year of the demo December.
 */
final class DemoDocuments {
  private DemoDocuments() {}

  /** A demo document: path, format by extension, and text (lines; the first is the title). */
  record Doc(String path, String text) {}

  static List<Doc> all() {
    return List.of(
        new Doc("projects/tevuot/{Y}-12-02-kickoff.md", """
            # תבואות – פגישת פתיחה
            תאריך: {Y}-12-02
            כותב: יואב כהן
            משתתפים: יואב כהן, נועה ברק, דנה כץ

            ## רקע
            פרויקט תבואות נועד לחבר חקלאים בצפון לפלטפורמה אחת לניהול יבולים ומכירות.

            ## החלטות
            - הוחלט שהפיילוט יתחיל בשלושה משקים בעמק יזרעאל.
            - סוכם שנועה אחראית על אפיון הדרישות עד 9 בדצמבר.

            ## משימות פתוחות
            - לבדוק מול הקיבוץ מי איש הקשר לנתוני ההשקיה.
            - טרם נקבע תקציב לשלב השני.
            """),
        new Doc("projects/tevuot/{Y}-12-04-requirements.md", """
            # Tevuot requirements draft
            Date: {Y}-12-04
            Author: Noa Barak

            Farmers need one place to log harvests, track irrigation and sell produce.
            The first release covers harvest logging and a weekly yield report.
            Decision: we will go with a mobile-first web app, no native app in the pilot.
            Open question: do the pilot farms have reliable connectivity in the fields?
            TODO: confirm Hebrew and Arabic interface requirements with the farmers' union.
            """),
        new Doc("projects/tevuot/{Y}-12-08-סיכום-פגישה.md", """
            # סיכום פגישת צוות תבואות
            תאריך: 08/12/{Y}
            כותבת: נועה ברק

            עברנו על טיוטת הדרישות ועל לוח הזמנים של הפיילוט.
            החלטנו לדחות את מודול המכירות לרבעון הבא.
            הוסכם שדנה תכין הערכת עלויות לשרתים עד 15 בדצמבר.
            יש לבדוק אם ספק ההשקיה מספק ממשק נתונים פתוח.
            הפגישה הבאה תתקיים ב-15 בדצמבר.
            """),
        new Doc("projects/tevuot/budget-december.txt", """
            Tevuot budget notes – December {Y}
            Date: {Y}-12-10
            Author: Dana Katz

            Server costs for the pilot are estimated at 1,800 NIS per month.
            Field tablets: 6 units, about 9,000 NIS in total.
            Decision: the pilot budget was approved by Yoav Cohen at 45,000 NIS.
            Pending: the budget for phase two is not yet approved.
            תקציב שלב ב׳ – ממתין לאישור ההנהלה.
            """),
        new Doc("projects/tevuot/{Y}-12-11-pilot-plan.docx", """
            תוכנית פיילוט תבואות
            תאריך: {Y}-12-11
            כותב: יואב כהן
            הפיילוט יפעל בשלושה משקים: משק לוי, משק אבו-ראס ומשק השקד.
            משך הפיילוט שמונה שבועות, החל מ-5 בינואר.
            הוחלט שכל משק יקבל שתי טאבלטים ואיש קשר טכני.
            משימה: לתאם הדרכה לחקלאים לפני תחילת הפיילוט.
            לא הוחלט עדיין מי יתמוך בחקלאים בסופי שבוע.
            """),
        new Doc("projects/tevuot/{Y}-12-15-vendor-review.docx", """
            Tevuot vendor review
            Date: {Y}-12-15
            Author: Dana Katz
            We compared three irrigation data vendors for the Tevuot pilot.
            AquaSense offers an open API; FieldLink charges per device; the third did not answer.
            Decision: we agreed to start with AquaSense for the pilot.
            Action item: Yoav to sign the AquaSense trial agreement.
            Open item: data ownership terms still need legal review.
            """),
        new Doc("projects/tevuot/{Y}-12-17-data-model.md", """
            # Tevuot data model
            Date: {Y}-12-17
            Author: Noa Barak

            Core entities: Farm, Plot, Crop, Harvest, IrrigationEvent, Sale.
            Each Harvest belongs to one Plot and records weight, quality grade and date.
            Decision: harvest weights are stored in kilograms only.
            TODO: decide how to import historical harvest data from spreadsheets.
            """),
        new Doc("projects/tevuot/{Y}-12-18-status-report.pdf", """
            Tevuot status report
            Date: {Y}-12-18
            Author: Yoav Cohen
            Harvest logging is feature complete and in internal testing.
            The weekly yield report is 70 percent done.
            Decision: the pilot start date is confirmed for January 5.
            Open item: training materials for farmers are not yet written.
            Risk: connectivity in two of the three farms is weak.
            """),
        new Doc("projects/tevuot/{Y}-12-22-retrospective.md", """
            # רטרוספקטיבה – תבואות, דצמבר
            תאריך: {Y}-12-22
            כותב: יואב כהן

            מה עבד: תקשורת טובה עם החקלאים ואפיון מהיר.
            מה לשפר: לוחות זמנים צפופים מדי בסוף החודש.
            סוכם שכל שבוע נעדכן את מסמך הסטטוס ביום חמישי.
            צריך לתאם פגישת סיכום דצמבר עם כל הצוות.
            """),
        new Doc("projects/tevuot/{Y}-12-24-סטטוס-שבועי.docx", """
            סטטוס שבועי – תבואות
            תאריך: 24/12/{Y}
            כותבת: דנה כץ
            הוזמנו שש טאבלטים לפיילוט, האספקה צפויה ב-1 בינואר.
            אושר חוזה הניסיון עם AquaSense.
            פתוח: הדרכת חקלאים – טרם נקבע מועד.
            """),
        new Doc("projects/tevuot/{Y}-12-29-year-end-summary.pdf", """
            Tevuot year-end summary
            Date: {Y}-12-29
            Author: Noa Barak
            In December we finished the requirements, the data model and the pilot plan.
            We decided on AquaSense as the irrigation data vendor and approved the pilot budget.
            Open items: farmer training date, phase two budget, legal review of data terms.
            Next step: schedule a December review meeting with Yoav and plan the strategy.
            """),
        new Doc("projects/tevuot/open-items.txt", """
            תבואות – משימות פתוחות
            תאריך: {Y}-12-30
            - לקבוע מועד הדרכה לחקלאים.
            - לבדוק תנאי בעלות על הנתונים מול היועץ המשפטי.
            - ממתין לאישור תקציב שלב ב׳.
            - לתאם פגישה עם יואב לסקירת דצמבר ותכנון אסטרטגיה.
            """),
        new Doc("projects/tevuot/{Y}-11-20-early-ideas.md", """
            # Tevuot early ideas
            Date: {Y}-11-20
            Author: Yoav Cohen

            A first sketch of a platform for farmers in the north, before the kickoff.
            """),
        new Doc("projects/orchard/{Y}-12-10-notes.md", """
            # Orchard analytics – notes
            Date: {Y}-12-10
            Author: Michal Avraham

            Apple orchard sensors were installed in November.
            Decision: sensor data is sampled every 15 minutes.
            """),
        new Doc("notes/personal-todo.txt", """
            Personal to do
            Date: {Y}-12-12
            Renew passport. Buy a gift for Dana.
            """));
  }
}
