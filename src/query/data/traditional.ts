// Traditional → simplified characters for the words of budget questions (a few hundred characters
// cover department, place and budget vocabulary; a full OpenCC table would be megabytes for nothing).
// Pairs are written traditional then simplified, one pair per two characters.
const PAIRS =
  '經经費费預预總总門门單单級级實实際际決决這这個个區区縣县廳厅會会議议訓训屬属務务' +
  '衛卫餘余結结轉转購购運运維维護护車车國国來来資资產产稅税醫医療疗障障險险' +
  '錢钱撥拨專专項项質质與与為为麼么們们嗎吗對对較较變变幾几增增減减長长億亿萬万' +
  '額额計计劃划則则說说說说標标績绩採采買买蘇苏揚扬錫锡滬沪臺台灣湾廣广東东' +
  '張张關关開开陽阳鄉乡鎮镇遼辽寧宁黑黑龍龙貴贵縣县雲云務务員员職职幹干' +
  '機机構构類类變变觀观農农業业齊齐險险醫医檢检察察監监獄狱輔辅導导' +
  '廣广報报紙纸檔档總总據据處处發发兩两歲岁離离億亿筆笔視视調调評评價价' +
  '並并從从覽览網网絡络權权險险協协辦办黨党徵征頭头條条紹绍興兴賓宾館馆' +
  '專专屆届鐵铁橋桥飛飞歷历傳传統统勢势問问題题顯显據据試试軍军隊队邊边' +
  '優优質质圖图書书學学習习體体養养護护園园雜杂衝冲擊击戰战樂乐圍围' +
  '應应當当讓让給给錄录規规範范運运營营績绩體体類类償偿';

export const TRADITIONAL: Map<string, string> = new Map(
  Array.from({ length: PAIRS.length / 2 }, (_, i) => [PAIRS[2 * i], PAIRS[2 * i + 1]] as [string, string]).filter(([t, s]) => t !== s),
);
